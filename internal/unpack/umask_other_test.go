//go:build !unix

package unpack

func setUmask(m int) int { return 0 }
