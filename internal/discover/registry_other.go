//go:build !windows

package discover

func (s *scan) scanRegistry() {}
func (s *scan) scanStore()    {}
