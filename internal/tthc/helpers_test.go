package tthc

import "time"

// at reads "2006-01-02 15:04" in Vietnam time.
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Location)
	if err != nil {
		panic(err)
	}
	return t
}

func ev(s Status, when string) Event { return Event{Status: s, At: at(when)} }

// csvHeader is the flat sync header the benchmarks write (as in the
// syncfile tests).
const csvHeader = "MaHoSo,MaTTHC,TenTTHC,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,NgayKetThucXuLy,KenhThucHien,DonViXuLy,DuocThanhToanTrucTuyen\n"
