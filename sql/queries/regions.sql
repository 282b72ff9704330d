SELECT org, township, county, coalesce(city, ''), coalesce(province, '') FROM regions;
