package dashboard

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
	"xxgk/ingest/store"
)

// Reviewer records review decisions: *store.Store, the server's one
// writer, which advances the data version when a decision is committed.
type Reviewer interface {
	Decide(ctx context.Context, d store.Decision) (store.Decided, error)
}

// routeReviewAPI records a decision on one flag of the review queue.
const routeReviewAPI = "/api/review/:flag_id"

// maxReviewBody bounds a decision's request body: a status and a comment
// of at most store.MaxComment characters (3 bytes each in UTF-8), quoted.
const maxReviewBody = 16 << 10

// localReviewer is who decides on a server without accounts (loopback
// only): there is no name to record.
const localReviewer = "本机用户"

func (s *Server) registerReview(r gin.IRouter) {
	r.POST(routeReviewAPI, s.wrap(s.handleReviewDecision))
}

// reviewRequest is the body of POST /api/review/{flag_id}.
type reviewRequest struct {
	Status  string `json:"status"`
	Comment string `json:"comment"`
}

// handleReviewDecision records a supervisor's decision on a flag: JSON in,
// the decision as recorded out, and a line in the audit log either way.
func (s *Server) handleReviewDecision(c *gin.Context) error {
	id := c.Param("flag_id")
	req, err := readReviewRequest(c)
	if err == nil && s.review == nil {
		err = &userError{http.StatusServiceUnavailable, "此服务器以只读方式打开数据库，不能记录审核结论"}
	}
	var d store.Decided
	if err == nil {
		d, err = s.review.Decide(c.Request.Context(), store.Decision{
			FlagID: id, Status: req.Status, Comment: req.Comment, By: reviewerName(visitorOf(c)),
		})
		switch {
		case errors.Is(err, store.ErrUnknownFlag):
			err = notFound("没有编号为 " + truncate(id, 64) + " 的问题：它可能已因报告更正而消失，请刷新审核队列")
		case errors.Is(err, store.ErrBadDecision):
			err = badRequest("审核结论无效：status 应为 confirmed（确认问题）、dismissed（排除）或 open（重新打开），comment 不超过 2000 字")
		}
	}
	s.auditDecision(c, id, req, err)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// readReviewRequest reads and checks the JSON body, at most maxReviewBody
// bytes.
func readReviewRequest(c *gin.Context) (reviewRequest, error) {
	var req reviewRequest
	if ct := c.ContentType(); ct != "application/json" {
		return req, &userError{http.StatusUnsupportedMediaType, "请求体应为 JSON（Content-Type: application/json）"}
	}
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxReviewBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return reviewRequest{}, &userError{http.StatusRequestEntityTooLarge, "请求体过大：审核意见不超过 2000 字"}
		}
		return reviewRequest{}, badRequest(`请求体应为 JSON：{"status": "confirmed" 或 "dismissed" 或 "open", "comment": "审核意见"}`)
	}
	if _, err := dec.Token(); err != io.EOF {
		return reviewRequest{}, badRequest("请求体只能有一个 JSON 对象")
	}
	return req, nil
}

func reviewerName(v visitor) string {
	if strings.TrimSpace(v.name) == "" {
		return localReviewer
	}
	return v.name
}

// auditDecision records a decision, or the refusal of one, in the audit log.
func (s *Server) auditDecision(c *gin.Context, id string, req reviewRequest, err error) {
	e := audit.Event{Kind: audit.Review, Outcome: "ok", Status: http.StatusOK,
		Detail: truncate("flag="+id+" status="+req.Status+" comment="+req.Comment, 600)}
	if err != nil {
		e.Status, _ = errorStatus(err)
		e.Outcome = "refused"
		if e.Status >= 500 {
			e.Outcome = "error"
		}
	}
	s.audit(c, e)
}
