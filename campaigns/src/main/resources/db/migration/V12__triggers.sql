-- Household triggers (docs/decisions/0007): a rule evaluated as purchase events arrive, whose
-- firings are recipient rows of the trigger's rolling campaigns (kind 'trigger'), one campaign per
-- cap window, so that they go through the campaign delivery path and its lift report.
CREATE TABLE triggers (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  -- the condition: a purchase in this category prefix ('Home' matches 'Home/Kitchen'), or of
  -- this product; exactly one of the two is set
  category_prefix VARCHAR(255),
  product_id BIGINT,
  -- minutes from the purchase until the message is due
  delay_minutes INT NOT NULL,
  template_id BIGINT NOT NULL,
  from_address VARCHAR(320) NOT NULL,
  from_name VARCHAR(200),
  -- others: the buyer's other household members; primary: the household's primary contact (its
  -- earliest member, the lowest customer id: households have no primary column)
  audience VARCHAR(20) NOT NULL,
  include_buyer BOOLEAN NOT NULL,
  -- at most household_cap firings per household in any household_cap_days days; also the length
  -- of the trigger's campaign windows
  household_cap INT NOT NULL,
  household_cap_days INT NOT NULL,
  -- a customer gets at most one message of this trigger in customer_cap_days days
  customer_cap_days INT NOT NULL,
  -- no firing for a household within cooldown_hours of its previous one
  cooldown_hours INT NOT NULL,
  holdout_percent DECIMAL(5, 2) NOT NULL,
  attribution_days INT NOT NULL,
  assignment_seed BIGINT NOT NULL,
  -- active or paused
  status VARCHAR(20) NOT NULL,
  -- events received before this time (created, or last resumed) are not evaluated
  active_since BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- A trigger's campaigns, one per cap window [window_start, window_end).
CREATE TABLE trigger_campaigns (
  trigger_id BIGINT NOT NULL,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  campaign_id BIGINT NOT NULL,
  PRIMARY KEY (trigger_id, window_start),
  CONSTRAINT uq_trigger_campaigns_campaign UNIQUE (campaign_id)
);

-- Every purchase event a trigger evaluated, with what came of it: fired (recipients written), or
-- why not (capped, cooldown, no-audience, cancelled, late). Unique per trigger and event, so that re-reading
-- events (to catch those committed out of id order) never evaluates one twice; the fired rows are
-- what the household cap and cooldown count.
CREATE TABLE trigger_firings (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  trigger_id BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  buyer_id BIGINT NOT NULL,
  household_id BIGINT,
  outcome VARCHAR(20) NOT NULL,
  campaign_id BIGINT,
  arm VARCHAR(40),
  recipients INT NOT NULL,
  purchased_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  evaluated_at BIGINT NOT NULL,
  CONSTRAINT uq_trigger_firings_event UNIQUE (trigger_id, event_id)
);
CREATE INDEX ix_trigger_firings_household ON trigger_firings (trigger_id, household_id, purchased_at);
CREATE INDEX ix_trigger_firings_buyer ON trigger_firings (trigger_id, buyer_id, purchased_at);
CREATE INDEX ix_trigger_firings_event_id ON trigger_firings (event_id);

-- How far trigger evaluation has read the events table (one row, locked by the evaluating
-- instance so that two instances never evaluate the same events at once).
CREATE TABLE trigger_progress (
  id INT PRIMARY KEY,
  last_event_id BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO trigger_progress (id, last_event_id, updated_at) VALUES (1, 0, 0);

-- When a recipient was due to be sent (a trigger firing: purchase time + delay). The attribution
-- window of a trigger's control and unsent recipients starts here rather than at the campaign's
-- start, which for a rolling campaign may be weeks earlier. Null for e-mail campaigns.
ALTER TABLE campaign_recipients ADD COLUMN due_at BIGINT;

-- The product whose purchase fired a trigger recipient's row (our products.id): its message's
-- offers and recommendations are anchored on it ("goes with what your household just bought").
-- Null for e-mail campaigns.
ALTER TABLE campaign_recipients ADD COLUMN trigger_product_id BIGINT;
