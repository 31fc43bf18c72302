//go:build !windows

package installer

import "github.com/pylauncher/py/internal/store"

// register writes an install's PEP 514 keys: on Windows only.
func (a *app) register(store.Install) []string { return nil }

// unregister removes them.
func (a *app) unregister(store.Install) {}

// TestOnlyRegistryKey is called by py's end-to-end tests, never by
// py-install: the registry is Windows'.
func TestOnlyRegistryKey(string) {}
