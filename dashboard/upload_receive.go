package dashboard

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"xxgk/ingest/store"
)

// UploadBatch is what one upload request holds, received into a folder.
type UploadBatch struct {
	Sources []store.Source
	Early   []store.FileResult // files refused before loading: too large
	Regions []store.Region
	Replace bool
	By      string // who sends it, from a "by" field: only with TrustNames

	opt      UploadOptions
	dir      string
	unzipped int64 // bytes unpacked from .zip files, bounded like the body
}

// ReceiveUpload reads a multipart upload: parts named "files" (repeated; a .zip
// is unpacked), "regions" (a regions.csv), "replace" ("1", "true", "on"),
// and before a file optionally "name" (its path in the folder chosen, which
// a browser's file name lacks) and "mtime" (its modification time, in
// milliseconds since 1970). Files go to dir; nothing is parsed here.
func ReceiveUpload(r *http.Request, dir string, opt UploadOptions) (*UploadBatch, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badRequest("请以 multipart/form-data 上传文件（字段 files，可重复）")
	}
	opt = opt.withDefaults()
	b := &UploadBatch{opt: opt, dir: dir}
	var name string
	var mtime time.Time
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		switch p.FormName() {
		case "replace":
			v, _ := readSmall(p)
			b.Replace = v == "1" || v == "true" || v == "on"
		case "name":
			name, _ = readSmall(p)
		case "mtime":
			v, _ := readSmall(p)
			if ms, err := strconv.ParseInt(v, 10, 64); err == nil && ms > 0 {
				mtime = time.UnixMilli(ms)
			}
		case "mtime_ns":
			v, _ := readSmall(p)
			if ns, err := strconv.ParseInt(v, 10, 64); err == nil && ns > 0 {
				mtime = time.Unix(0, ns)
			}
		case "by":
			if v, _ := readSmall(p); opt.TrustNames {
				b.By = v
			}
		case "regions":
			if err := b.addRegions(p); err != nil {
				return nil, err
			}
		case "files":
			if name == "" {
				name = p.FileName()
			}
			if !opt.TrustNames {
				name = cleanName(name)
			}
			if err := b.addFile(p, name, mtime); err != nil {
				return nil, err
			}
			name, mtime = "", time.Time{}
		}
		p.Close()
	}
}

// readSmall reads a form field of at most a few hundred bytes.
func readSmall(p *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 4096))
	return strings.TrimSpace(string(b)), err
}

// cleanName makes a client's file name a relative path, with no way out
// of it ("..", a leading /), escaped for storing and showing.
func cleanName(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Clean("/" + name)
	name = strings.TrimPrefix(name, "/")
	if name == "" || name == "." {
		name = "未命名"
	}
	return store.EscapeName(name)
}

// addFile saves one uploaded file, or unpacks a .zip.
func (b *UploadBatch) addFile(r io.Reader, name string, mtime time.Time) error {
	if len(b.Sources) >= b.opt.MaxFiles {
		return &userError{http.StatusRequestEntityTooLarge, fmt.Sprintf("一次最多上传 %d 个文件，请分批上传", b.opt.MaxFiles)}
	}
	tmp := filepath.Join(b.dir, strconv.Itoa(len(b.Sources)+len(b.Early))+strings.ToLower(path.Ext(name)))
	n, err := saveLimited(r, tmp, b.opt.MaxFileBytes)
	if err != nil {
		return err
	}
	if n > b.opt.MaxFileBytes {
		os.Remove(tmp)
		b.Early = append(b.Early, tooLargeResult(name, b.opt.MaxFileBytes))
		return nil
	}
	if strings.EqualFold(path.Ext(name), ".zip") {
		defer os.Remove(tmp)
		return b.unzip(tmp, strings.TrimSuffix(name, path.Ext(name)))
	}
	b.Sources = append(b.Sources, store.Source{Path: tmp, Name: name, ModTime: mtime})
	return nil
}

func tooLargeResult(name string, limit int64) store.FileResult {
	return store.FileResult{File: name, Action: store.ActionFailed, Reason: reasonTooLarge,
		Detail: "the file is over the " + mb(limit) + " limit of one file"}
}

// reasonTooLarge is a file refused before loading for its size.
const reasonTooLarge = "too_large"

// saveLimited copies at most limit+1 bytes of r to a new file and returns
// how many it copied: more than limit means the file was too large.
func saveLimited(r io.Reader, dst string, limit int64) (int64, error) {
	f, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, io.LimitReader(r, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// unzip adds the files of a .zip (a folder of reports, perhaps with its
// regions.csv), each bounded like an uploaded file, all together like a
// request.
func (b *UploadBatch) unzip(archive, prefix string) error {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return badRequest(prefix + ".zip 不是有效的 zip 压缩包")
	}
	defer zr.Close()
	for _, f := range zr.File {
		name := cleanName(prefix + "/" + f.Name)
		base := path.Base(f.Name)
		if f.FileInfo().IsDir() || !f.Mode().IsRegular() || strings.HasPrefix(base, ".") || strings.Contains(f.Name, "__MACOSX") {
			continue
		}
		if err := b.addZipEntry(f, name, base); err != nil {
			return err
		}
	}
	return nil
}

func (b *UploadBatch) addZipEntry(f *zip.File, name, base string) error {
	rc, err := f.Open()
	if err != nil {
		b.Early = append(b.Early, store.FileResult{File: name, Action: store.ActionFailed, Reason: store.ReasonUnreadable,
			Detail: "cannot unpack it: " + err.Error()})
		return nil
	}
	defer rc.Close()
	if strings.EqualFold(base, "regions.csv") {
		return b.addRegions(rc)
	}
	before := len(b.Sources)
	tmp := filepath.Join(b.dir, strconv.Itoa(len(b.Sources)+len(b.Early))+strings.ToLower(path.Ext(name)))
	if len(b.Sources) >= b.opt.MaxFiles {
		return &userError{http.StatusRequestEntityTooLarge, fmt.Sprintf("一次最多上传 %d 个文件，请分批上传", b.opt.MaxFiles)}
	}
	n, err := saveLimited(rc, tmp, b.opt.MaxFileBytes)
	if err != nil {
		b.Early = append(b.Early, store.FileResult{File: name, Action: store.ActionFailed, Reason: store.ReasonUnreadable,
			Detail: "cannot unpack it: " + err.Error()})
		return nil
	}
	b.unzipped += n
	if b.unzipped > b.opt.MaxRequestBytes {
		return &userError{http.StatusRequestEntityTooLarge, "压缩包解开后超过每次 " + mb(b.opt.MaxRequestBytes) + " 的上限，请分批上传"}
	}
	if n > b.opt.MaxFileBytes {
		os.Remove(tmp)
		b.Early = append(b.Early, tooLargeResult(name, b.opt.MaxFileBytes))
		return nil
	}
	b.Sources = append(b.Sources[:before], store.Source{Path: tmp, Name: name, ModTime: f.Modified})
	return nil
}

// addRegions reads an uploaded regions.csv; it is merged into the regions
// loaded before.
func (b *UploadBatch) addRegions(r io.Reader) error {
	tmp := filepath.Join(b.dir, "regions-"+strconv.Itoa(len(b.Sources)+len(b.Early))+".csv")
	n, err := saveLimited(r, tmp, b.opt.MaxFileBytes)
	if err != nil {
		return err
	}
	if n > b.opt.MaxFileBytes {
		return &userError{http.StatusRequestEntityTooLarge, "regions.csv 超过单个文件 " + mb(b.opt.MaxFileBytes) + " 的上限"}
	}
	regions, err := store.ReadRegions(tmp)
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), tmp, "regions.csv")
		return badRequest("regions.csv 有误，本次上传未载入任何文件：" + msg)
	}
	b.Regions = append(b.Regions, regions...)
	return nil
}

// mb says a byte count in MB (KB below one MB).
func mb(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n>>10, 10) + " KB"
	}
	return strconv.FormatInt(n>>20, 10) + " MB"
}
