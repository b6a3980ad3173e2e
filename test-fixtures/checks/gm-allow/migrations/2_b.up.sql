/* migrations:allow MG006 MG102 (errors cannot be silenced) */
