-- The components of the composite activity index.
SELECT component, weight, description
FROM activity_weights
ORDER BY weight DESC, component;
