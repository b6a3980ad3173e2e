CLUSTER users USING users_email_idx;
