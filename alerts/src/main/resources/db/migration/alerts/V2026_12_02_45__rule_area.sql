-- A rule may watch only the entities in an area (docs/alerts.md): a GeoJSON polygon.
ALTER TABLE alert_rule ADD COLUMN area jsonb;
