#pragma once
// The student's code: Assignment 6, a library of items, members and loans (inheritance, string representations,
// validated properties, exceptions).

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace library {

using Date = std::chrono::year_month_day;

/// Everything the library refuses to do.
class LibraryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
/// The item is out on loan.
class NotAvailable : public LibraryError {
 public:
  using LibraryError::LibraryError;
};
/// The member has as many loans as allowed.
class LoanLimitReached : public LibraryError {
 public:
  using LibraryError::LibraryError;
};
/// No item or member has that id.
class UnknownId : public LibraryError {
 public:
  using LibraryError::LibraryError;
};

/// Something that can be borrowed.
class Item {
 public:
  Item(std::string title, int year);
  virtual ~Item() = default;

  [[nodiscard]] const std::string& title() const { return title_; }
  [[nodiscard]] int year() const { return year_; }
  /// Throws std::invalid_argument for a year before 1450 or after 2100.
  void set_year(int year);

  /// Days an item of this kind may be kept.
  [[nodiscard]] virtual int loan_days() const = 0;
  /// "Book('Dune', Frank Herbert, 1965)", "Dvd('Alien', 117 min, 1979)".
  [[nodiscard]] virtual std::string repr() const = 0;

 private:
  std::string title_;
  int year_;
};

/// A book, identified by its ISBN-13.
class Book : public Item {
 public:
  /// Throws std::invalid_argument when `isbn` is not a valid ISBN-13 (dashes allowed).
  Book(std::string title, std::string author, int year, std::string isbn);
  [[nodiscard]] const std::string& author() const { return author_; }
  [[nodiscard]] const std::string& isbn() const { return isbn_; }
  [[nodiscard]] int loan_days() const override { return 21; }
  [[nodiscard]] std::string repr() const override;

 private:
  std::string author_;
  std::string isbn_;
};

/// A film on disc; short loans.
class Dvd : public Item {
 public:
  Dvd(std::string title, int minutes, int year);
  [[nodiscard]] int minutes() const { return minutes_; }
  [[nodiscard]] int loan_days() const override { return 7; }
  [[nodiscard]] std::string repr() const override;

 private:
  int minutes_;
};

/// True for a 13-digit ISBN whose check digit is right (dashes ignored).
[[nodiscard]] bool valid_isbn13(const std::string& isbn);

/// Someone who borrows.
struct Member {
  std::string name;
  int max_loans = 3;
};

/// One item out with one member.
struct Loan {
  int item_id = 0;
  int member_id = 0;
  Date due{};
};

/// The library: its items, its members, and what is on loan.
class Library {
 public:
  /// Adds an item; returns its id (1, 2, ...).
  int add(std::unique_ptr<Item> item);
  /// Registers a member; returns their id.
  int join(Member member);

  /// Lends an item. Throws UnknownId, NotAvailable or LoanLimitReached.
  Loan check_out(int item_id, int member_id, Date today);
  /// Takes an item back. Throws UnknownId when it is not on loan.
  void check_in(int item_id);

  [[nodiscard]] const Item& item(int item_id) const;
  [[nodiscard]] bool available(int item_id) const;
  /// Loans whose due date is before `today`, by item id.
  [[nodiscard]] std::vector<Loan> overdue(Date today) const;

 private:
  std::map<int, std::unique_ptr<Item>> items_;
  std::map<int, Member> members_;
  std::map<int, Loan> loans_;  // by item id
  int next_id_ = 1;
};

}  // namespace library

/// Items print as their repr(), so assertions show them readably.
template <class T>
requires std::is_base_of_v<library::Item, T>
struct fmt::formatter<T> : fmt::formatter<std::string> {
  auto format(const T& item, fmt::format_context& context) const {
    return fmt::formatter<std::string>::format(item.repr(), context);
  }
};
