package dashboard

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/dashboard/auth"
	"xxgk/ingest/store"
)

// uploadServer is a dashboard whose uploads load into a fresh database.
func uploadServer(t *testing.T, opt UploadOptions) (*Server, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	opt.Store = st
	s, err := New(newFake(), Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Upload: opt,
		Security: Security{LocalOnly: true}})
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

type part struct{ field, name, body string }

func seedText(t *testing.T) string {
	b, err := os.ReadFile("../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// upload posts a multipart form from remote, with the given headers.
func upload(t *testing.T, h http.Handler, remote string, parts []part, header ...string) (int, uploadResponse, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		if p.name == "" {
			mw.WriteField(p.field, p.body)
			continue
		}
		w, _ := mw.CreateFormFile(p.field, p.name)
		io.WriteString(w, p.body)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/ingest", &buf)
	req.RemoteAddr = remote
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a uploadResponse
	json.Unmarshal(rec.Body.Bytes(), &a)
	return rec.Code, a, rec.Body.String()
}

func zipOf(t *testing.T, files map[string]string) string {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, _ := zw.Create(name)
		io.WriteString(w, body)
	}
	zw.Close()
	return buf.String()
}

const local = "127.0.0.1:40000"

func TestUpload(t *testing.T) {
	seed := seedText(t)
	news := "丹朱镇人民政府2020年政府信息公开工作年度报告\n\n2020年，我镇主动公开政府信息88条。\n"
	regions := "org,township,county,city,province\n丹朱镇人民政府,丹朱镇,长子县,长治市,山西省\n"
	s, st := uploadServer(t, UploadOptions{MaxFileBytes: 64 << 10})

	// A folder as a .zip, with its regions.csv, a news page and a file too large.
	code, a, body := upload(t, s, local, []part{
		{"files", "长子县.zip", zipOf(t, map[string]string{"长子县/丹朱镇-2020.txt": seed, "长子县/regions.csv": regions,
			"长子县/新闻.txt": news, "__MACOSX/._x": "junk"})},
		{"files", "big.txt", strings.Repeat("x", 65<<10)},
	})
	if code != 200 || !a.Stored || a.Counts.Loaded != 1 || a.Counts.Refused != 1 || a.Counts.Failed != 1 || a.Regions.Added != 1 {
		t.Fatalf("%d %s", code, body)
	}
	byFile := map[string]uploadFile{}
	for _, f := range a.Files {
		byFile[f.File] = f
	}
	if f := byFile["长子县/长子县/丹朱镇-2020.txt"]; f.Status != "已载入" || f.Message != "" {
		t.Errorf("the report: %+v", f)
	}
	if f := byFile["长子县/长子县/新闻.txt"]; f.Status != "拒绝" || f.Message != "不是年度报告：没有找到报告的三张统计表（二、三、四），新闻、通知等不予载入" {
		t.Errorf("the news page: %+v", f)
	}
	if f := byFile["big.txt"]; f.Status != "失败" || f.Message != "文件超过单个文件的大小上限，未载入" {
		t.Errorf("the large file: %+v", f)
	}
	var n int
	st.DB.QueryRow(`SELECT count(*) FROM reports WHERE placed AND county = '长子县'`).Scan(&n)
	if n != 1 {
		t.Errorf("%d placed reports, want 1", n)
	}

	// A thinner version refused, then forced: the old one is kept.
	cut := seed[:strings.Index(seed, "四、政府信息公开行政复议")] + seed[strings.Index(seed, "五、存在的主要问题"):]
	_, a, _ = upload(t, s, local, []part{{"name", "", "改/丹朱镇-2020.txt"}, {"files", "丹朱镇-2020.txt", cut}})
	if len(a.Files) != 1 || a.Files[0].Status != "拒绝" ||
		a.Files[0].Message != "已载入的报告（长子县/长子县/丹朱镇-2020.txt）比本文件完整，本文件缺少其中的部分表格；原报告保留。确需替换请勾选“强制替换”后重新上传" {
		t.Errorf("thinner: %+v", a.Files)
	}
	_, a, _ = upload(t, s, local, []part{{"replace", "", "1"}, {"name", "", "改/丹朱镇-2020.txt"}, {"files", "丹朱镇-2020.txt", cut}})
	if len(a.Files) != 1 || a.Files[0].Status != "已替换" || a.Files[0].File != "改/丹朱镇-2020.txt" ||
		!strings.HasPrefix(a.Files[0].Message, "替换了 长子县/长子县/丹朱镇-2020.txt，原版本已保留") {
		t.Errorf("forced: %+v", a.Files)
	}
	versions, err := store.History(context.Background(), st.DB, "丹朱镇", 2020, 10)
	if err != nil || len(versions) != 2 || versions[1].ReplacedBy != "upload@127.0.0.1" {
		t.Errorf("history: %+v %v", versions, err)
	}
}

func TestUploadRefusedRequests(t *testing.T) {
	s, st := uploadServer(t, UploadOptions{MaxRequestBytes: 4 << 10})
	seed := seedText(t)
	tests := []struct {
		name   string
		remote string
		parts  []part
		header []string
		code   int
		msg    string
	}{
		{"from another machine", "10.1.2.3:5000", []part{{"files", "a.txt", "x"}}, nil, 403, "此服务器未配置账号，只接受本机访问"},
		{"from another site", local, []part{{"files", "a.txt", "x"}}, []string{"Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"}, 403, "不接受来自其他网站的请求"},
		{"too large a request", local, []part{{"files", "a.txt", seed}}, nil, 413, "上传内容超过每次 4 KB 的上限，请分批上传"},
		{"no file", local, []part{{"replace", "", "1"}}, nil, 400, "没有收到文件"},
		{"a broken zip", local, []part{{"files", "a.zip", "PK not a zip"}}, nil, 400, "a.zip 不是有效的 zip 压缩包"},
		{"a bad regions.csv", local, []part{{"regions", "regions.csv", "name\nx\n"}, {"files", "a.txt", "x"}}, nil, 400, "regions.csv 有误"},
	}
	for _, tc := range tests {
		code, _, body := upload(t, s, tc.remote, tc.parts, tc.header...)
		if code != tc.code || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: %d %.300s; want %d with %q", tc.name, code, body, tc.code, tc.msg)
		}
	}
	var n int
	st.DB.QueryRow(`SELECT count(*) FROM ingest_runs`).Scan(&n)
	if n != 0 {
		t.Errorf("%d runs from refused requests, want 0", n)
	}
}

func TestUploadPage(t *testing.T) {
	s, _ := uploadServer(t, UploadOptions{})
	req := httptest.NewRequest(http.MethodGet, "/upload", nil)
	req.RemoteAddr = local
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	for _, want := range []string{"上传报告", "选择文件夹", "regions.csv", "强制替换", "单个文件不超过 50 MB", "/assets/upload.js"} {
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("/upload: %d, lacks %q", rec.Code, want)
		}
	}
	off, _ := newTestServer(t, newFake())
	if res, body := get(t, off, "/upload"); res.StatusCode != 200 || !strings.Contains(body, "本服务器没有启用上传") {
		t.Errorf("/upload without a store: %d", res.StatusCode)
	}
}

// TestUploadWithAccounts: with accounts, an uploader may upload (from any
// machine) and the run records the account; a viewer may not.
func TestUploadWithAccounts(t *testing.T) {
	var accounts []auth.Account
	for _, r := range []auth.Role{auth.Uploader, auth.Viewer} {
		h, err := auth.HashPassword(passwordOf(r))
		if err != nil {
			t.Fatal(err)
		}
		accounts = append(accounts, auth.Account{Name: string(r), Role: r, Hash: h})
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(newFake(), Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Upload: UploadOptions{Store: st},
		Security: Security{Users: auth.NewUsers(accounts), Hosts: append([]string{"example.com"}, LoopbackHosts...)}})
	if err != nil {
		t.Fatal(err)
	}
	seed := seedText(t)
	for _, tc := range []struct {
		role auth.Role
		code int
	}{{auth.Viewer, 403}, {auth.Uploader, 200}} {
		code, a, body := uploadAs(t, s, "10.1.2.3:5000", string(tc.role), passwordOf(tc.role), []part{{"files", "丹朱镇-2020.txt", seed}})
		if code != tc.code || tc.code == 200 && a.Counts.Loaded != 1 {
			t.Errorf("%s: %d %.200s", tc.role, code, body)
		}
	}
	var by string
	st.DB.QueryRow(`SELECT by_user FROM ingest_runs`).Scan(&by)
	if by != string(auth.Uploader) {
		t.Errorf("the run is recorded as by %q, want the uploader's account", by)
	}
}

// uploadAs posts a multipart form with HTTP Basic credentials.
func uploadAs(t *testing.T, h http.Handler, remote, name, password string, parts []part) (int, uploadResponse, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		w, _ := mw.CreateFormFile(p.field, p.name)
		io.WriteString(w, p.body)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/ingest", &buf)
	req.RemoteAddr = remote
	req.SetBasicAuth(name, password)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a uploadResponse
	json.Unmarshal(rec.Body.Bytes(), &a)
	return rec.Code, a, rec.Body.String()
}
