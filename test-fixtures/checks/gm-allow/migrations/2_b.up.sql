/* migrations:allow MG006 MG102: a placeholder kept on purpose (MG006 is a warning, so it can be silenced) */
