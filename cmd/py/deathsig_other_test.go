//go:build unix && !linux

package main

const hasDeathSignal = false
