SELECT org, township, county, coalesce(city, ''), coalesce(province, ''), coalesce(kind, '') FROM regions;
