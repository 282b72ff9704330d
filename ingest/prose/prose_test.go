package prose

import (
	"math"
	"slices"
	"strings"
	"testing"
)

const lastYear = `2022年，我镇政府信息公开工作在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，紧扣镇政府中心工作和公众关切的重点领域，细化公开任务。
（一）主动公开情况：2022年，我镇在县门户网站上主动公开65条信息，及时发布惠民政策和重大项目进展。
（二）依申请公开情况：全年未收到政府信息公开申请。
（三）政府信息管理情况：办公室负责全镇信息的收集、整理和发布工作，各站所负责各自信息工作的报送管理工作。
本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。`

// thisYear repeats every sentence of lastYear with new numbers.
const thisYear = `2023年，我镇政府信息公开工作在县委、县政府的正确领导下，认真贯彻落实《中华人民共和国政府信息公开条例》，紧扣镇政府中心工作和公众关切的重点领域，细化公开任务。
（一）主动公开情况：2023年，我镇在县门户网站上主动公开81条信息，及时发布惠民政策和重大项目进展。
（二）依申请公开情况：全年未收到政府信息公开申请。
（三）政府信息管理情况：办公室负责全镇信息的收集、整理和发布工作，各站所负责各自信息工作的报送管理工作。
本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。`

const original = `2023年，我乡以数字政府建设为抓手，将村务公开栏改造为电子屏，群众在村委会即可查询补贴发放明细。
全年围绕乡村振兴、耕地保护和防汛抗旱等群众关心的事项，组织政策解读会六场，回应群众提问四十余次。
针对去年群众反映的公开栏更新不及时问题，建立了每周五集中更新、分管领导签字发布的制度。`

func TestSentences(t *testing.T) {
	got := Sentences("一、总体情况\n今年做了很多工作。效果很好！还有不足？继续努力；  \n\n")
	want := []string{"一、总体情况", "今年做了很多工作", "效果很好", "还有不足", "继续努力"}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestIsBoilerplate(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止", true},
		{"本报告中使用数据统计期限为2021年1月1日至12月31日", true},
		{"本报告电子版可在县人民政府门户网站查阅或下载", true},
		{"如对本报告有任何疑问，请与镇党政办联系（电话：0355-1234567）", true},
		{"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特编制本年度报告", true},
		{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", true},
		{"2023年，我镇在县门户网站上主动公开81条信息", false},
		{"认真贯彻落实《中华人民共和国政府信息公开条例》，紧扣中心工作", false},
	} {
		if got := IsBoilerplate(tc.s); got != tc.want {
			t.Errorf("IsBoilerplate(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestContainment(t *testing.T) {
	halfCopied := strings.Join(append(Sentences(lastYear)[:2], Sentences(original)...), "。")
	for _, tc := range []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"the same text", lastYear, lastYear, 1, 1},
		{"copied with this year's numbers", thisYear, lastYear, 1, 1},
		{"nothing in common", original, lastYear, 0, 0},
		{"no prose at all", "一、总体情况", lastYear, 0, 0},
		{"boilerplate alone is not a copy", "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", lastYear, 0, 0},
		// Two long copied sentences beside three new ones: the exact share
		// of shingles is exactShare(halfCopied, lastYear); the sample
		// estimates it within 0.1.
		{"partly copied", halfCopied, lastYear, exactShare(halfCopied, lastYear) - 0.1, exactShare(halfCopied, lastYear) + 0.1},
	} {
		got := Containment(Of(tc.a), Of(tc.b))
		if got < tc.min || got > tc.max {
			t.Errorf("%s: %.3f, want %.3f…%.3f", tc.name, got, tc.min, tc.max)
		}
	}
	if s := exactShare(halfCopied, lastYear); s < 0.3 || s > 0.7 {
		t.Errorf("the partly copied case copies %.2f of its shingles: not a middle case", s)
	}
}

// exactShare is Containment over every shingle, not a sample.
func exactShare(a, b string) float64 {
	set := map[uint64]bool{}
	for _, s := range counted(b) {
		for _, h := range shingles(nil, s, every) {
			set[h] = true
		}
	}
	n, all := 0, map[uint64]bool{}
	for _, s := range counted(a) {
		for _, h := range shingles(nil, s, every) {
			all[h] = true
		}
	}
	for h := range all {
		if set[h] {
			n++
		}
	}
	return float64(n) / float64(len(all))
}

func TestPassages(t *testing.T) {
	mixed := Sentences(thisYear)[1] + "。" + Sentences(original)[0] + "。"
	got := Passages(mixed, lastYear, 0.5)
	if len(got) != 1 {
		t.Fatalf("%d passages, want 1: %+v", len(got), got)
	}
	p := got[0]
	if p.Text != Sentences(thisYear)[1] || p.Match != Sentences(lastYear)[1] || math.Abs(p.Share-1) > 1e-9 {
		t.Errorf("passage %+v", p)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat(thisYear+original, 4) // about 2,000 characters, like a report's prose
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Of(text)
	}
}

func BenchmarkContainment(b *testing.B) {
	x, y := Of(strings.Repeat(thisYear, 4)), Of(strings.Repeat(lastYear+original, 4))
	b.ReportMetric(float64(len(x)+len(y)), "hashes")
	for b.Loop() {
		Containment(x, y)
	}
}

// TestCommon: Common counts a pair's shared shingles once for both
// directions, and Share of it is exactly Containment each way.
func TestCommon(t *testing.T) {
	halfCopied := strings.Join(append(Sentences(lastYear)[:2], Sentences(original)...), "。")
	texts := []string{lastYear, thisYear, original, halfCopied, "一、总体情况"}
	for _, x := range texts {
		for _, y := range texts {
			a, b := Of(x), Of(y)
			c := Common(a, b)
			if c != Common(b, a) {
				t.Errorf("Common(%.12q, %.12q) = %d, the other way %d", x, y, c, Common(b, a))
			}
			if Share(c, a) != Containment(a, b) || Share(c, b) != Containment(b, a) {
				t.Errorf("%.12q, %.12q: shares %v %v, containment %v %v", x, y, Share(c, a), Share(c, b), Containment(a, b), Containment(b, a))
			}
		}
	}
	if c := Common(Of(thisYear), Of(lastYear)); c == 0 || c != len(Of(thisYear)) {
		t.Errorf("a copy with this year's numbers has %d of its %d shingles in common, want all", c, len(Of(thisYear)))
	}
}
