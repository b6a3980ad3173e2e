-- TODO
/* later */
