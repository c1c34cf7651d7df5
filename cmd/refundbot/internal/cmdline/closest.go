package cmdline

import "strings"

// Closest returns the candidate nearest to name by edit distance, when it
// is near enough to be a likely typo (about a third of the letters wrong
// at most), or "" when none is. Ties go to the earlier candidate.
func Closest(name string, candidates []string) string {
	name = strings.ToLower(name)
	best, bestDist := "", len(name)/3+2
	for _, c := range candidates {
		if d := EditDistance(name, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance of a and b, in bytes.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
