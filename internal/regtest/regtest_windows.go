package regtest

import "golang.org/x/sys/windows/registry"

// DeleteTree deletes the key path of root and everything below it, as
// far as it can: a test's cleanup.
func DeleteTree(root registry.Key, path string) {
	if k, err := registry.OpenKey(root, path, registry.ENUMERATE_SUB_KEYS); err == nil {
		subs, _ := k.ReadSubKeyNames(-1)
		k.Close()
		for _, s := range subs {
			DeleteTree(root, path+`\`+s)
		}
	}
	registry.DeleteKey(root, path)
}
