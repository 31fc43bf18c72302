// Package regtest holds what Windows tests do to the registry: the one
// copy of it for every package's tests. It is empty elsewhere.
package regtest
