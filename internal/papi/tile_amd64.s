#include "textflag.h"

// func tileAVX2(acc *float64, stride int, m, p *float64, n int)
// The bootstrap's micro-kernel (see tile.go): for the 4×12 tile of
// replicate accumulators at acc (rows stride float64s apart), adds
// m[4c+r]·p[12c+j] to row r, column j, for every cluster c < n, n ≥ 1.
// The tile lives in twelve registers for the whole loop; each step loads
// a cluster's twelve sums once and its four multiplicities, and does twelve
// fused multiply-adds (rounded once, as math.FMA).
TEXT ·tileAVX2(SB), NOSPLIT, $0-40
	MOVQ acc+0(FP), DI
	MOVQ stride+8(FP), DX
	SHLQ $3, DX
	MOVQ m+16(FP), BX
	MOVQ p+24(FP), SI
	MOVQ n+32(FP), CX

	MOVQ    DI, R8
	VMOVUPD (R8), Y0
	VMOVUPD 32(R8), Y1
	VMOVUPD 64(R8), Y2
	ADDQ    DX, R8
	VMOVUPD (R8), Y3
	VMOVUPD 32(R8), Y4
	VMOVUPD 64(R8), Y5
	ADDQ    DX, R8
	VMOVUPD (R8), Y6
	VMOVUPD 32(R8), Y7
	VMOVUPD 64(R8), Y8
	ADDQ    DX, R8
	VMOVUPD (R8), Y9
	VMOVUPD 32(R8), Y10
	VMOVUPD 64(R8), Y11

loop:
	VMOVUPD      (SI), Y12
	VMOVUPD      32(SI), Y13
	VMOVUPD      64(SI), Y14
	VBROADCASTSD (BX), Y15
	VFMADD231PD  Y12, Y15, Y0
	VFMADD231PD  Y13, Y15, Y1
	VFMADD231PD  Y14, Y15, Y2
	VBROADCASTSD 8(BX), Y15
	VFMADD231PD  Y12, Y15, Y3
	VFMADD231PD  Y13, Y15, Y4
	VFMADD231PD  Y14, Y15, Y5
	VBROADCASTSD 16(BX), Y15
	VFMADD231PD  Y12, Y15, Y6
	VFMADD231PD  Y13, Y15, Y7
	VFMADD231PD  Y14, Y15, Y8
	VBROADCASTSD 24(BX), Y15
	VFMADD231PD  Y12, Y15, Y9
	VFMADD231PD  Y13, Y15, Y10
	VFMADD231PD  Y14, Y15, Y11
	ADDQ         $96, SI
	ADDQ         $32, BX
	DECQ         CX
	JNZ          loop

	MOVQ    DI, R8
	VMOVUPD Y0, (R8)
	VMOVUPD Y1, 32(R8)
	VMOVUPD Y2, 64(R8)
	ADDQ    DX, R8
	VMOVUPD Y3, (R8)
	VMOVUPD Y4, 32(R8)
	VMOVUPD Y5, 64(R8)
	ADDQ    DX, R8
	VMOVUPD Y6, (R8)
	VMOVUPD Y7, 32(R8)
	VMOVUPD Y8, 64(R8)
	ADDQ    DX, R8
	VMOVUPD Y9, (R8)
	VMOVUPD Y10, 32(R8)
	VMOVUPD Y11, 64(R8)
	VZEROUPPER
	RET
