-- report_metrics: every headline metric of every current report in one row:
-- part 一 and 二 (proactive disclosure), part 三 (requests) and part 四
-- (appeals), computed from one read of reports and figures. The views
-- proactive, requests and appeals show its columns by topic (with their
-- definitions in sql/README.md); rankings, activity and roll-ups read it
-- directly, which keeps their plans small.
CREATE OR REPLACE VIEW report_metrics AS
WITH base AS (
    SELECT
        r.report_id,
        r.org,
        r.township,
        r.county,
        r.city,
        r.province,
        r.year,
        r.template,
        f."proactive_items" AS proactive_items,
        -- 2019 prints 本年新公开数量, 2021 本年制发件数; a report has one or the other.
        coalesce(f."s2.regulations.published", f."s2.regulations.issued")
            + coalesce(f."s2.normative.published", f."s2.normative.issued") AS documents_issued,
        -- The three decision rows both templates print.
        f."s2.licensing.decisions" + f."s2.penalty.decisions" + f."s2.coercion.decisions" AS decisions,
        CASE
            -- Any flow figure of part 二 printed non-zero: something happened.
            WHEN coalesce(abs(f."s2.regulations.made"), 0) + coalesce(abs(f."s2.regulations.published"), 0)
               + coalesce(abs(f."s2.regulations.issued"), 0) + coalesce(abs(f."s2.regulations.repealed"), 0)
               + coalesce(abs(f."s2.normative.made"), 0) + coalesce(abs(f."s2.normative.published"), 0)
               + coalesce(abs(f."s2.normative.issued"), 0) + coalesce(abs(f."s2.normative.repealed"), 0)
               + coalesce(abs(f."s2.licensing.change"), 0) + coalesce(abs(f."s2.licensing.decisions"), 0)
               + coalesce(abs(f."s2.other_services.change"), 0) + coalesce(abs(f."s2.other_services.decisions"), 0)
               + coalesce(abs(f."s2.penalty.change"), 0) + coalesce(abs(f."s2.penalty.decisions"), 0)
               + coalesce(abs(f."s2.coercion.change"), 0) + coalesce(abs(f."s2.coercion.decisions"), 0)
               + coalesce(abs(f."s2.fees.change"), 0) + coalesce(abs(f."s2.fees.amount"), 0)
               + coalesce(abs(f."s2.procurement.items"), 0) + coalesce(abs(f."s2.procurement.amount"), 0) > 0
                THEN TRUE
            -- Every flow figure of the template printed, all zero: nothing happened.
            WHEN r.template = '2019'
                AND f."s2.regulations.made" IS NOT NULL AND f."s2.regulations.published" IS NOT NULL
                AND f."s2.normative.made" IS NOT NULL AND f."s2.normative.published" IS NOT NULL
                AND f."s2.licensing.change" IS NOT NULL AND f."s2.licensing.decisions" IS NOT NULL
                AND f."s2.other_services.change" IS NOT NULL AND f."s2.other_services.decisions" IS NOT NULL
                AND f."s2.penalty.change" IS NOT NULL AND f."s2.penalty.decisions" IS NOT NULL
                AND f."s2.coercion.change" IS NOT NULL AND f."s2.coercion.decisions" IS NOT NULL
                AND f."s2.fees.change" IS NOT NULL
                AND f."s2.procurement.items" IS NOT NULL AND f."s2.procurement.amount" IS NOT NULL
                THEN FALSE
            WHEN r.template = '2021'
                AND f."s2.regulations.issued" IS NOT NULL AND f."s2.regulations.repealed" IS NOT NULL
                AND f."s2.normative.issued" IS NOT NULL AND f."s2.normative.repealed" IS NOT NULL
                AND f."s2.licensing.decisions" IS NOT NULL AND f."s2.penalty.decisions" IS NOT NULL
                AND f."s2.coercion.decisions" IS NOT NULL AND f."s2.fees.amount" IS NOT NULL
                THEN FALSE
            -- Otherwise unknown: part of the table was not printed.
        END AS s2_active,

        -- Part 三: the 总计 (total) column of each row; a sum over rows is
        -- NULL when any of its rows is not printed.
        f."s3.new.total" AS requests_new,
        f."s3.carried_in.total" AS requests_carried_in,
        f."s3.processed.total" AS requests_processed,
        f."s3.granted.total" AS granted,
        f."s3.partial.total" AS partial,
        f."s3.denied.secret.total" + f."s3.denied.law.total" + f."s3.denied.safety.total"
            + f."s3.denied.third_party.total" + f."s3.denied.internal.total" + f."s3.denied.process.total"
            + f."s3.denied.enforcement.total" + f."s3.denied.query.total" AS denied,
        f."s3.unavailable.not_held.total" + f."s3.unavailable.needs_creation.total"
            + f."s3.unavailable.unclear.total" AS unavailable,
        f."s3.rejected.complaint.total" + f."s3.rejected.duplicate.total" + f."s3.rejected.publication.total"
            + f."s3.rejected.mass.total" + f."s3.rejected.confirm.total" AS rejected,
        -- Template 2019 (and collapsed 2021 tables) print (六) as one row;
        -- template 2021 prints its three sub-rows.
        coalesce(f."s3.other.total",
            f."s3.other.no_correction.total" + f."s3.other.no_fee.total" + f."s3.other.misc.total") AS other,
        f."s3.carried_out.total" AS carried_out,
        f."s3.new.natural" AS from_natural,
        f."s3.new.commercial" AS from_commercial,
        f."s3.new.research" AS from_research,
        f."s3.new.social" AS from_social,
        f."s3.new.legal" AS from_legal,
        f."s3.new.other" AS from_other,

        -- Part 四: lawsuits add the two lawsuit groups (direct, after reconsideration).
        f."s4.review.upheld" AS review_upheld,
        f."s4.review.corrected" AS review_corrected,
        f."s4.review.other" AS review_other,
        f."s4.review.pending" AS review_pending,
        f."s4.review.total" AS review_total,
        f."s4.suit_direct.upheld" + f."s4.suit_after_review.upheld" AS suit_upheld,
        f."s4.suit_direct.corrected" + f."s4.suit_after_review.corrected" AS suit_corrected,
        f."s4.suit_direct.other" + f."s4.suit_after_review.other" AS suit_other,
        f."s4.suit_direct.pending" + f."s4.suit_after_review.pending" AS suit_pending,
        f."s4.suit_direct.total" + f."s4.suit_after_review.total" AS suit_total,
        f."s4.suit_direct.total" AS suit_direct_total,
        f."s4.suit_after_review.total" AS suit_after_review_total,
        -- Concluded cases: every result except 尚未审结 (pending).
        f."s4.review.upheld" + f."s4.review.corrected" + f."s4.review.other" AS review_concluded,
        f."s4.suit_direct.upheld" + f."s4.suit_direct.corrected" + f."s4.suit_direct.other"
            + f."s4.suit_after_review.upheld" + f."s4.suit_after_review.corrected"
            + f."s4.suit_after_review.other" AS suit_concluded
    FROM reports AS r
    JOIN figures AS f USING (report_id)
)
SELECT
    report_id,
    org,
    township,
    county,
    city,
    province,
    year,
    template,
    proactive_items,
    documents_issued,
    decisions,
    s2_active,
    requests_new,
    requests_carried_in,
    requests_new + requests_carried_in AS requests_received,
    requests_processed,
    granted,
    partial,
    denied,
    unavailable,
    rejected,
    other,
    carried_out,
    CASE WHEN requests_processed > 0 THEN (granted + partial) / requests_processed END AS grant_rate,
    CASE WHEN requests_processed > 0 THEN granted / requests_processed END AS granted_rate,
    CASE WHEN requests_processed > 0 THEN partial / requests_processed END AS partial_rate,
    CASE WHEN requests_processed > 0 THEN denied / requests_processed END AS denied_rate,
    CASE WHEN requests_processed > 0 THEN unavailable / requests_processed END AS unavailable_rate,
    CASE WHEN requests_processed > 0 THEN rejected / requests_processed END AS rejected_rate,
    CASE WHEN requests_processed > 0 THEN other / requests_processed END AS other_rate,
    from_natural,
    from_commercial,
    from_research,
    from_social,
    from_legal,
    from_other,
    from_commercial + from_research + from_social + from_legal + from_other AS from_organisations,
    CASE WHEN requests_new > 0 THEN from_natural / requests_new END AS natural_share,
    review_upheld,
    review_corrected,
    review_other,
    review_pending,
    review_total,
    review_concluded,
    CASE WHEN review_concluded > 0 THEN review_corrected / review_concluded END AS review_correction_rate,
    suit_upheld,
    suit_corrected,
    suit_other,
    suit_pending,
    suit_total,
    suit_concluded,
    CASE WHEN suit_concluded > 0 THEN suit_corrected / suit_concluded END AS suit_correction_rate,
    suit_direct_total,
    suit_after_review_total,
    review_total + suit_total AS appeals_total,
    review_concluded + suit_concluded AS appeals_concluded,
    review_corrected + suit_corrected AS appeals_corrected,
    CASE WHEN review_concluded + suit_concluded > 0
        THEN (review_corrected + suit_corrected) / (review_concluded + suit_concluded)
    END AS correction_rate
FROM base;
