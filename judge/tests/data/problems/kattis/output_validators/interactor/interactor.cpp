// reads judge input, talks to the submission, exits 42 or 43
