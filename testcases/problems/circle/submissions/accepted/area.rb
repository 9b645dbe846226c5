r = gets.to_f
printf("%.9f\n", Math::PI * r * r)
