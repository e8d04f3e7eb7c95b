package nametab

// Table is a set of names, read-only once made: many goroutines may read
// it at once. It is at most half full.
type Table struct {
	slots []string
	mask  int
}

// New returns the table of the names in lists; "" is never in it, and a
// name given twice is held once.
func New(lists ...[]string) *Table {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	size := 64
	for size < 2*n {
		size *= 2
	}
	t := &Table{slots: make([]string, size), mask: size - 1}
	for _, l := range lists {
		for _, s := range l {
			t.add(s)
		}
	}
	return t
}

func (t *Table) slot(s string) int {
	return int(uint(len(s))*131+uint(s[0])*31+uint(s[len(s)-1])) & t.mask
}

func (t *Table) add(s string) {
	if s == "" {
		return
	}
	i := t.slot(s)
	for ; t.slots[i] != ""; i = (i + 1) & t.mask {
		if t.slots[i] == s {
			return
		}
	}
	t.slots[i] = s
}

// Get returns the table's copy of s, and whether s is in the table. A nil
// table holds nothing.
func (t *Table) Get(s string) (string, bool) {
	if t == nil || s == "" {
		return "", false
	}
	for i := t.slot(s); t.slots[i] != ""; i = (i + 1) & t.mask {
		if t.slots[i] == s {
			return t.slots[i], true
		}
	}
	return "", false
}

// Has reports whether s is in the table.
func (t *Table) Has(s string) bool {
	_, ok := t.Get(s)
	return ok
}
