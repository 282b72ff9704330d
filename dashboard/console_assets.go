package dashboard

// codemirrorVersion is the pinned CodeMirror 5 (npm codemirror, the files
// listed in codemirrorFiles, unchanged); assets/vendor/README.md records
// where it came from and the checksums.
const codemirrorVersion = "5.65.21"

// codemirrorHost is the route of the CodeMirror files: the version is in
// the URL, so they are cached as immutable.
const codemirrorHost = "/assets/vendor/codemirror-" + codemirrorVersion + "/"

// codemirrorFiles are the parts of CodeMirror the console uses: the editor,
// the SQL mode, completion of table and column names, bracket matching.
var codemirrorFiles = []string{
	"codemirror.js", "codemirror.css", "sql.js", "show-hint.js", "show-hint.css", "sql-hint.js", "matchbrackets.js",
}

// The console page's own styles and scripts, after the shared ones:
// CodeMirror, then ECharts for the result's chart, then console.js.
var (
	consoleStyles  = []string{codemirrorHost + "codemirror.css", codemirrorHost + "show-hint.css", "/assets/console.css"}
	consoleScripts = []string{
		echartsHost + "echarts.min.js",
		codemirrorHost + "codemirror.js", codemirrorHost + "sql.js", codemirrorHost + "show-hint.js",
		codemirrorHost + "sql-hint.js", codemirrorHost + "matchbrackets.js",
		"/assets/console.js",
	}
)

// loadConsoleAssets adds the console's files to the assets: console.js and
// console.css, and CodeMirror under codemirrorHost.
func loadConsoleAssets(out map[string]*asset) error {
	for _, name := range []string{"console.js", "console.css"} {
		a, err := readAsset("assets/"+name, false)
		if err != nil {
			return err
		}
		out["/assets/"+name] = a
	}
	for _, name := range codemirrorFiles {
		a, err := readAsset("assets/vendor/codemirror-"+codemirrorVersion+"/"+name, true)
		if err != nil {
			return err
		}
		out[codemirrorHost+name] = a
	}
	return nil
}
