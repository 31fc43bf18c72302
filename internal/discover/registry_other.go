//go:build !windows

package discover

func (s *scan) scanRegistry() map[string]bool { return nil }
func (s *scan) scanStore(map[string]bool)     {}
