-- The console's user accounts (service/.../console/users). Written once for H2 (MODE=MySQL) and
-- MySQL/MariaDB. Passwords are kept as bcrypt hashes only; times are epoch milliseconds.
CREATE TABLE console_users (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(100) NOT NULL,
  -- bcrypt ($2a$, cost and salt inside): 60 characters
  password_hash VARCHAR(100) NOT NULL,
  -- marketer, analyst or admin
  role VARCHAR(20) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_sign_in_at BIGINT,
  CONSTRAINT uq_console_users_username UNIQUE (username)
);
