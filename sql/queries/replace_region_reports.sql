-- A body placed anew by regions.csv: its reports follow it.
UPDATE reports SET township = ?, city = ?, province = ? WHERE placed AND org = ? AND county = ?;
