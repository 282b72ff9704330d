package ingest
import ("testing";"os")
func TestTmpProf(t *testing.T){
 for _, f := range []string{os.Getenv("PROF_FILE")} { b,_:=os.ReadFile(f); r:=Parse(f,b); t.Log(len(r.Warnings), len(r.Figures)) }
}
