#!/usr/bin/env bash
# A provisioning script as cities write it for a FIWARE IoT Agent (telefonicaid/iotagent-node-lib), behind a PEP
# proxy that takes an X-Auth-Token: service groups, then devices. Run unchanged against Saola by
# FiwareIotAgentTest, with IOTA pointing at Saola instead of the agent's port 4041.
IOTA=${IOTA:-http://localhost:4041}
TOKEN=${TOKEN:?a token for the PEP proxy}

curl -s -o /dev/null -w '%{http_code}\n' -X POST "$IOTA/iot/services" \
  -H 'Content-Type: application/json' \
  -H "X-Auth-Token: $TOKEN" \
  -H 'fiware-service: openiot' \
  -H 'fiware-servicepath: /' \
  -d '{
 "services": [
   {
     "apikey":      "4jggokgpepnvsb2uv4s40d59ov",
     "cbroker":     "http://orion:1026",
     "entity_type": "Thing",
     "resource":    "/iot/d"
   },
   {
     "apikey":      "8f9z57ahxmtzx21oczr5vaabot",
     "cbroker":     "http://orion:1026",
     "entity_type": "Thing",
     "resource":    "/iot/json",
     "protocol":    "IoTA-JSON"
   }
 ]
}'

curl -s -o /dev/null -w '%{http_code}\n' -X POST "$IOTA/iot/devices" \
  -H 'Content-Type: application/json' \
  -H "X-Auth-Token: $TOKEN" \
  -H 'fiware-service: openiot' \
  -H 'fiware-servicepath: /' \
  -d '{
 "devices": [
   {
     "device_id":   "motion001",
     "entity_name": "urn:ngsi-ld:Motion:001",
     "entity_type": "Motion",
     "apikey":      "4jggokgpepnvsb2uv4s40d59ov",
     "timezone":    "Asia/Ho_Chi_Minh",
     "attributes": [
       { "object_id": "c", "name": "count", "type": "Integer" }
     ],
     "static_attributes": [
       { "name": "refStore", "type": "Relationship", "value": "urn:ngsi-ld:Store:001" },
       { "name": "location", "type": "geo:point", "value": "16.0678, 108.2208" }
     ]
   },
   {
     "device_id":   "bell001",
     "entity_name": "urn:ngsi-ld:Bell:001",
     "entity_type": "Bell",
     "apikey":      "4jggokgpepnvsb2uv4s40d59ov",
     "protocol":    "PDI-IoTA-UltraLight",
     "transport":   "HTTP",
     "commands": [
       { "name": "ring", "type": "command" }
     ],
     "static_attributes": [
       { "name": "refStore", "type": "Relationship", "value": "urn:ngsi-ld:Store:001" },
       { "name": "location", "type": "geo:point", "value": "16.0679, 108.2209" }
     ]
   },
   {
     "device_id":   "lamp001",
     "entity_name": "urn:ngsi-ld:Lamp:001",
     "entity_type": "Lamp",
     "apikey":      "4jggokgpepnvsb2uv4s40d59ov",
     "protocol":    "PDI-IoTA-UltraLight",
     "transport":   "MQTT",
     "commands": [
       { "name": "on", "type": "command" },
       { "name": "off", "type": "command" }
     ],
     "attributes": [
       { "object_id": "s", "name": "state", "type": "Text" },
       { "object_id": "l", "name": "luminosity", "type": "Integer" }
     ],
     "static_attributes": [
       { "name": "location", "type": "geo:json", "value": { "type": "Point", "coordinates": [108.2210, 16.0680] } }
     ]
   },
   {
     "device_id":   "thermo001",
     "entity_type": "WeatherObserved",
     "apikey":      "8f9z57ahxmtzx21oczr5vaabot",
     "protocol":    "IoTA-JSON",
     "transport":   "HTTP",
     "attributes": [
       { "object_id": "t", "name": "temperature", "type": "Number" },
       { "object_id": "h", "name": "relativeHumidity", "type": "Number" },
       { "object_id": "raining", "name": "raining", "type": "Boolean" }
     ],
     "static_attributes": [
       { "name": "location", "type": "geo:point", "value": "16.0544, 108.2022" }
     ]
   }
 ]
}'

curl -s -w '\n%{http_code}\n' "$IOTA/iot/devices?limit=10" \
  -H "X-Auth-Token: $TOKEN" \
  -H 'fiware-service: openiot' \
  -H 'fiware-servicepath: /'
