package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// file is a file of an archive or package: its path inside (slash
// separated), its mode and its bytes.
type file struct {
	Name string
	Mode int64
	Data []byte
}

// sortFiles orders files by name: archives list their entries in that
// order, whatever order they were read in.
func sortFiles(fs []file) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
}

// writeTarGz writes the files under the directory top as a .tar.gz that
// depends only on them and mtime: entries sorted by name, each with mtime,
// owner and group 0 without names, the given mode, ustar format; gzip
// without a file name or time.
func writeTarGz(w io.Writer, top string, files []file, mtime time.Time) error {
	files = append([]file(nil), files...)
	sortFiles(files)
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	hdr := func(name string, mode int64) *tar.Header {
		return &tar.Header{Name: name, Mode: mode, ModTime: mtime, Format: tar.FormatUSTAR}
	}
	dir := hdr(top+"/", 0o755)
	dir.Typeflag = tar.TypeDir
	if err := tw.WriteHeader(dir); err != nil {
		return err
	}
	for _, f := range files {
		h := hdr(path.Join(top, f.Name), f.Mode)
		h.Typeflag = tar.TypeReg
		h.Size = int64(len(f.Data))
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes the files under the directory top as a .zip that
// depends only on them and mtime: entries sorted by name, deflated, each
// with mtime (in UTC) and its mode.
func writeZip(w io.Writer, top string, files []file, mtime time.Time) error {
	files = append([]file(nil), files...)
	sortFiles(files)
	zw := zip.NewWriter(w)
	dir := &zip.FileHeader{Name: top + "/", Method: zip.Store, Modified: mtime.UTC()}
	dir.SetMode(os.ModeDir | 0o755)
	if _, err := zw.CreateHeader(dir); err != nil {
		return err
	}
	for _, f := range files {
		h := &zip.FileHeader{Name: path.Join(top, f.Name), Method: zip.Deflate, Modified: mtime.UTC()}
		h.SetMode(os.FileMode(f.Mode))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// gzipFile compresses data as a .gz that depends only on data (no name,
// no time): for the man pages in the .deb.
func gzipFile(data []byte) []byte {
	var b bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	gz.Write(data)
	gz.Close()
	return b.Bytes()
}

// archiveName is the name of p's archive of version: py-VERSION-OS-ARCH,
// .zip for Windows, .tar.gz elsewhere. Its files are under a directory of
// the same name without the extension.
func archiveName(version string, p platform) string {
	if p.OS == "windows" {
		return archiveTop(version, p) + ".zip"
	}
	return archiveTop(version, p) + ".tar.gz"
}

func archiveTop(version string, p platform) string { return "py-" + version + "-" + p.String() }

// readDir reads the files of a directory (not its subdirectories) as
// archive members: executables (any x bit, or .exe) mode 0755, others 0644.
func readDir(dir string) ([]file, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var fs []file
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		mode := int64(0o644)
		if info.Mode()&0o111 != 0 || strings.HasSuffix(e.Name(), ".exe") {
			mode = 0o755
		}
		fs = append(fs, file{Name: e.Name(), Mode: mode, Data: data})
	}
	return fs, nil
}

// writeArchive writes p's archive into out: the programs in bin and the
// documents docs.
func writeArchive(out, bin string, docs []file, version string, p platform, mtime time.Time) (string, error) {
	fs, err := readDir(bin)
	if err != nil {
		return "", err
	}
	fs = append(fs, docs...)
	name := archiveName(version, p)
	var b bytes.Buffer
	if p.OS == "windows" {
		err = writeZip(&b, archiveTop(version, p), fs, mtime)
	} else {
		err = writeTarGz(&b, archiveTop(version, p), fs, mtime)
	}
	if err != nil {
		return "", fmt.Errorf("%s: %v", name, err)
	}
	return name, os.WriteFile(filepath.Join(out, name), b.Bytes(), 0o644)
}

// sums is SHA256SUMS: the sha256 of each named file in dir, a line each,
// "HASH  NAME", sorted by name, as sha256sum writes and checks it.
func sums(dir string, names []string) (string, map[string]string, error) {
	names = append([]string(nil), names...)
	sort.Strings(names)
	var b strings.Builder
	m := map[string]string{}
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return "", nil, err
		}
		h := sha256.Sum256(data)
		m[n] = hex.EncodeToString(h[:])
		fmt.Fprintf(&b, "%s  %s\n", m[n], n)
	}
	return b.String(), m, nil
}
