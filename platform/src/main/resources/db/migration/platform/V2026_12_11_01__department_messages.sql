-- Messages to a department (a new report in its queue, a report sent back to it) go through the residents'
-- outbox: written in the transaction of what they tell, delivered after commit with the same leases and
-- retries. A message has a resident or a department, never both; the department's contact e-mail is read when
-- it is sent, so a changed address takes effect for what is still waiting.
ALTER TABLE resident_message ALTER COLUMN resident_id DROP NOT NULL;
ALTER TABLE resident_message ADD COLUMN department_code text;
ALTER TABLE resident_message ADD CONSTRAINT resident_message_one_addressee
    CHECK ((resident_id IS NULL) <> (department_code IS NULL));
