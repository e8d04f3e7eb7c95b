package graph

// nameSet tells a few dozen names (a schema's relation types) from other
// strings faster than a map: the length and the first and last bytes
// pick a slot, and the names that share it follow. It is at most a
// quarter full; it is read-only once made, so many goroutines may read it.
type nameSet struct {
	slots []string
	mask  int
}

// newNameSet returns the set of names; "" is never in it.
func newNameSet(names []string) *nameSet {
	size := 64
	for size < 4*len(names) {
		size *= 2
	}
	s := &nameSet{slots: make([]string, size), mask: size - 1}
	for _, n := range names {
		if n == "" || s.has(n) {
			continue
		}
		i := s.slot(n)
		for s.slots[i] != "" {
			i = (i + 1) & s.mask
		}
		s.slots[i] = n
	}
	return s
}

func (s *nameSet) slot(n string) int {
	return int(uint(len(n))*131+uint(n[0])*31+uint(n[len(n)-1])) & s.mask
}

// has reports whether n is in the set; a nil set holds nothing.
func (s *nameSet) has(n string) bool {
	if s == nil || n == "" {
		return false
	}
	for i := s.slot(n); s.slots[i] != ""; i = (i + 1) & s.mask {
		if s.slots[i] == n {
			return true
		}
	}
	return false
}
