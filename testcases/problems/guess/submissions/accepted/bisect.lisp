;;; Bisection over 1 .. 10^9: each reply halves what is left.
(let ((lo 1) (hi 1000000000))
  (loop while (<= lo hi) do
    (let ((mid (floor (+ lo hi) 2)))
      (format t "~D~%" mid)
      (finish-output)
      (let ((reply (read-line *standard-input* nil nil)))
        (cond ((or (null reply) (string= reply "correct")) (return))
              ((string= reply "lower") (setf hi (1- mid)))
              (t (setf lo (1+ mid))))))))
