import VI3NR
// The command line arrives with its issue.
