#include "library.hpp"

#include <algorithm>
#include <cctype>

namespace library {

Item::Item(std::string title, int year) : title_(std::move(title)), year_(0) { set_year(year); }

void Item::set_year(int year) {
  if (year < 1450 || year > 2100) throw std::invalid_argument(fmt::format("{} is not a publication year", year));
  year_ = year;
}

bool valid_isbn13(const std::string& isbn) {
  std::string digits;
  for (char c : isbn) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      digits += c;
    else if (c != '-')
      return false;
  }
  if (digits.size() != 13) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 13; ++i) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
  return sum % 10 == 0;
}

Book::Book(std::string title, std::string author, int year, std::string isbn)
    : Item(std::move(title), year), author_(std::move(author)), isbn_(std::move(isbn)) {
  if (!valid_isbn13(isbn_)) throw std::invalid_argument(fmt::format("'{}' is not an ISBN-13", isbn_));
}

std::string Book::repr() const { return fmt::format("Book('{}', {}, {})", title(), author_, year()); }

Dvd::Dvd(std::string title, int minutes, int year) : Item(std::move(title), year), minutes_(minutes) {
  if (minutes <= 0) throw std::invalid_argument("a DVD lasts at least a minute");
}

std::string Dvd::repr() const { return fmt::format("Dvd('{}', {} min, {})", title(), minutes_, year()); }

int Library::add(std::unique_ptr<Item> item) {
  items_[next_id_] = std::move(item);
  return next_id_++;
}

int Library::join(Member member) {
  members_[next_id_] = std::move(member);
  return next_id_++;
}

Loan Library::check_out(int item_id, int member_id, Date today) {
  const Item& lent = item(item_id);
  const auto member = members_.find(member_id);
  if (member == members_.end()) throw UnknownId(fmt::format("no member {}", member_id));
  if (loans_.contains(item_id)) throw NotAvailable(fmt::format("{} is on loan", lent.repr()));
  const auto held = std::ranges::count_if(loans_, [&](const auto& loan) { return loan.second.member_id == member_id; });
  if (held >= member->second.max_loans)
    throw LoanLimitReached(fmt::format("{} already has {} loans", member->second.name, held));
  const Date due{std::chrono::sys_days(today) + std::chrono::days(lent.loan_days())};
  return loans_[item_id] = Loan{.item_id = item_id, .member_id = member_id, .due = due};
}

void Library::check_in(int item_id) {
  if (loans_.erase(item_id) == 0) throw UnknownId(fmt::format("item {} is not on loan", item_id));
}

const Item& Library::item(int item_id) const {
  const auto found = items_.find(item_id);
  if (found == items_.end()) throw UnknownId(fmt::format("no item {}", item_id));
  return *found->second;
}

bool Library::available(int item_id) const { return items_.contains(item_id) && !loans_.contains(item_id); }

std::vector<Loan> Library::overdue(Date today) const {
  std::vector<Loan> late;
  for (const auto& [id, loan] : loans_)
    if (std::chrono::sys_days(loan.due) < std::chrono::sys_days(today)) late.push_back(loan);
  return late;
}

}  // namespace library
