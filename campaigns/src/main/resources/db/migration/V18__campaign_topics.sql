-- The topic a campaign or trigger mails about (newsletter, offers, household, ...): a person who
-- left the topic (consent_topics) is not mailed for it. NULL: general marketing, no topic.
ALTER TABLE campaigns ADD COLUMN topic VARCHAR(40);
ALTER TABLE triggers ADD COLUMN topic VARCHAR(40);
