package forecast_test

import (
	"os"
	"strings"
	"testing"

	"parley/forecast"
)

func TestReadDetectsFormats(t *testing.T) {
	ktab := "Sample,\"a test\",3,2,\nActor,Description,Power,P1,S1,P2,S2,\nA, first, 100, 30, 50, 20, 40,\nB, second, 50, 60, 20, 80, 10,\nC, third, 25, 90, 90, 50, 50,\n"
	issues, format, err := forecast.Read(strings.NewReader(ktab))
	if err != nil || format != "ktab" || len(issues) != 2 || issues[0].ID != "P1" || len(issues[1].Actors) != 3 || issues[1].Actors[1].Position != 80 {
		t.Fatalf("ktab: %v %s %+v", err, format, issues)
	}
	own := "issue,actor,position,salience,capability,outcome\narmy,UA,800000,90,40,\narmy,RU,100000,95,60,\nnato,UA,2,80,40,1\n"
	issues, format, err = forecast.Read(strings.NewReader(own))
	if err != nil || format != "csv" || len(issues) != 2 || len(issues[0].Actors) != 2 || issues[1].Outcome == nil || *issues[1].Outcome != 1 {
		t.Fatalf("csv: %v %s %+v", err, format, issues)
	}
	for name, in := range map[string]string{
		"unknown":           "hello world\n",
		"ktab count wrong":  "S,x,5,1,\nActor,Description,Power,P,S,\nA,a,1,2,3,\n",
		"ktab bad number":   "S,x,1,1,\nActor,Description,Power,P,S,\nA,a,lots,2,3,\n",
		"csv bad salience":  "issue,actor,position,salience,capability\nx,A,1,high,1\n",
		"csv missing field": "issue,actor,position,salience\nx,A,1,2\n",
	} {
		if _, _, err := forecast.Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestReadKTABSamples(t *testing.T) {
	f, err := os.Open("../../shared/data/ktab/SOE-Pol-Comp.csv")
	if err != nil {
		t.Skipf("KTAB samples not here: %v", err)
	}
	defer f.Close()
	issues, format, err := forecast.Read(f)
	if err != nil || format != "ktab" || len(issues) != 2 || len(issues[0].Actors) != 13 {
		t.Fatalf("SOE-Pol-Comp: %v %s %d issues", err, format, len(issues))
	}
	for _, is := range issues {
		t.Logf("%s: compromise %.1f, median %.1f", is.ID, forecast.Compromise(is), forecast.WeightedMedian(is))
	}
}

// Numbers no model can use are refused with the line that holds them.
func TestReadRefusesUnusableNumbers(t *testing.T) {
	for name, in := range map[string]string{
		"NaN position (DEU)":      "isnr\tpa\tpb\tsa\tsb\tout\n\t1\t1\t\t\t\ni1\tNaN\t50\t50\t50\t\n",
		"negative salience (DEU)": "isnr\tpa\tpb\tsa\tsb\tout\n\t1\t1\t\t\t\ni1\t10\t50\t-5\t50\t\n",
		"Inf position (CSV)":      "issue,actor,position,salience,capability\ni1,a,Inf,50,1\n",
		"salience over 100 (CSV)": "issue,actor,position,salience,capability\ni1,a,3,150,1\n",
		"negative power (KTAB)":   "X,X issue,1,1\nActor,Description,Power,X Position,X Salience\na,A,-3,50,50\n",
	} {
		_, _, err := forecast.Read(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "line") {
			t.Errorf("%s: error %v, want one naming the line", name, err)
		}
	}
}
