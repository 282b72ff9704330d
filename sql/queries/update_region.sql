-- regions.csv names a body already known: it updates its placement.
UPDATE regions SET township = ?, city = ?, province = ? WHERE org = ? AND county = ?;
