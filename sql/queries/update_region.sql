-- regions.csv names a body already known: it updates its placement and kind.
UPDATE regions SET township = ?, city = ?, province = ?, kind = ? WHERE org = ? AND county = ?;
