#include "textflag.h"

// func addAnsweredAVX2(sums, weights, row *float64, n int, w float64)
// For j < n (a multiple of 4): where row[j] is not NaN, sums[j] += w·row[j]
// and weights[j] += w; where it is NaN, both get +0. Multiply then add,
// each rounded, as the Go loop does (no fused multiply-add), so the bits
// are the same.
TEXT ·addAnsweredAVX2(SB), NOSPLIT, $0-40
	MOVQ         sums+0(FP), DI
	MOVQ         weights+8(FP), SI
	MOVQ         row+16(FP), BX
	MOVQ         n+24(FP), CX
	VBROADCASTSD w+32(FP), Y15
	SHRQ         $2, CX

loop:
	VMOVUPD (BX), Y0
	VCMPPD  $7, Y0, Y0, Y1   // ordered: all ones where not NaN
	VANDPD  Y1, Y0, Y0       // NaN → +0
	VANDPD  Y1, Y15, Y2      // w where answered, +0 elsewhere
	VMULPD  Y15, Y0, Y0
	VADDPD  (DI), Y0, Y0
	VMOVUPD Y0, (DI)
	VADDPD  (SI), Y2, Y2
	VMOVUPD Y2, (SI)
	ADDQ    $32, BX
	ADDQ    $32, DI
	ADDQ    $32, SI
	DECQ    CX
	JNZ     loop
	VZEROUPPER
	RET
