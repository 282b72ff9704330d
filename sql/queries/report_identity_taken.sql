-- Whether a township-year has a placed report already.
SELECT count(*) FROM reports WHERE placed AND township = ? AND county = ? AND year = ?;
