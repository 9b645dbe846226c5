n = gets.to_i
puts "#{n / 2} #{n - n / 2}"
