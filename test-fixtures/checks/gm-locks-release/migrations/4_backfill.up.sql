UPDATE big SET x = 1;
