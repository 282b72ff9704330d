DELETE FROM regions;
