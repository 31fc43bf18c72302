package pyver

// Match is the answer of a request's Match: whether a build satisfies it.
type Match int

const (
	No    Match = iota // b cannot satisfy the request
	Yes                // b satisfies the request
	Maybe              // b lacks a detail the request constrains; ask the interpreter
)
