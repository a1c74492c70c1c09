-- E-mail templates written by marketers. Every save is a new version; versions are never changed
-- or deleted, so a campaign that pinned one at launch renders the same text until it finishes.
CREATE TABLE templates (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- a stable name for code and the shipped defaults, such as 'recommendations-newsletter'
  template_key VARCHAR(100) NOT NULL,
  name VARCHAR(200) NOT NULL,
  current_version INT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT uq_templates_key UNIQUE (template_key)
);

CREATE TABLE template_versions (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  template_id BIGINT NOT NULL,
  version INT NOT NULL,
  -- Freemarker sources: the subject line, the HTML body (.ftlh, auto-escaped) and an optional
  -- plain-text body (generated from the HTML when absent)
  subject VARCHAR(1000) NOT NULL,
  html MEDIUMTEXT NOT NULL,
  text_body MEDIUMTEXT,
  created_at BIGINT NOT NULL,
  CONSTRAINT uq_template_versions UNIQUE (template_id, version),
  CONSTRAINT fk_template_versions_template FOREIGN KEY (template_id) REFERENCES templates (id)
);
