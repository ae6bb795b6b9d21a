#pragma once
// Assignment 4, part 1: a singly linked list that owns its nodes.

#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <utility>

namespace ds {

/// A singly linked list of values: O(1) push_front, push_back and pop_front, forward iteration.
template <typename T> class List {
  struct Node {
    T value;
    Node* next = nullptr;
  };

 public:
  /// A forward iterator over the values, first to last; valid until the list changes.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    Iterator() = default;
    reference operator*() const { return node_->value; }
    pointer operator->() const { return &node_->value; }
    Iterator& operator++() {
      node_ = node_->next;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      node_ = node_->next;
      return before;
    }
    bool operator==(const Iterator&) const = default;

   private:
    friend class List;
    explicit Iterator(const Node* node) : node_(node) {}
    const Node* node_ = nullptr;
  };

  /// An empty list.
  List() = default;
  /// A deep copy: the two lists share no node.
  List(const List& other) {
    for (const T& value : other) push_back(value);
  }
  /// Takes other's nodes; other is left empty.
  List(List&& other) noexcept
      : head_(std::exchange(other.head_, nullptr)),
        tail_(std::exchange(other.tail_, nullptr)),
        size_(std::exchange(other.size_, 0)) {}
  /// Replaces the values with copies of other's.
  List& operator=(const List& other) {
    if (this != &other) {
      clear();
      for (const T& value : other) push_back(value);
    }
    return *this;
  }
  /// Replaces the values with other's nodes; other is left empty.
  List& operator=(List&& other) noexcept {
    if (this != &other) {
      clear();
      head_ = std::exchange(other.head_, nullptr);
      tail_ = std::exchange(other.tail_, nullptr);
      size_ = std::exchange(other.size_, 0);
    }
    return *this;
  }
  ~List() { clear(); }

  /// Adds value before the first.
  void push_front(const T& value) {
    head_ = new Node{value, head_};
    if (tail_ == nullptr) tail_ = head_;
    ++size_;
  }

  /// Adds value after the last.
  void push_back(const T& value) {
    Node* node = new Node{value, nullptr};
    if (tail_ == nullptr) {
      head_ = node;
    } else {
      tail_->next = node;
    }
    tail_ = node;
    ++size_;
  }

  /// Removes the first value and returns it. Throws std::out_of_range when the list is empty.
  T pop_front() {
    if (head_ == nullptr) throw std::out_of_range("pop_front on an empty list");
    Node* first = head_;
    head_ = first->next;
    if (head_ == nullptr) tail_ = nullptr;
    --size_;
    T value = std::move(first->value);
    delete first;
    return value;
  }

  /// The number of values.
  [[nodiscard]] std::size_t size() const { return size_; }
  /// Whether there is no value.
  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// The first value equal to value, or end().
  [[nodiscard]] Iterator find(const T& value) const {
    for (Iterator it = begin(); it != end(); ++it)
      if (*it == value) return it;
    return end();
  }

  /// Removes every value equal to value; returns how many it removed.
  std::size_t remove(const T& value) {
    std::size_t removed = 0;
    Node* previous = nullptr;
    Node* node = head_;
    while (node != nullptr) {
      Node* next = node->next;
      if (node->value == value) {
        if (previous == nullptr) {
          head_ = next;
        } else {
          previous->next = next;
        }
        if (node == tail_) tail_ = previous;
        delete node;
        ++removed;
      } else {
        previous = node;
      }
      node = next;
    }
    size_ -= removed;
    return removed;
  }

  [[nodiscard]] Iterator begin() const { return Iterator(head_); }
  [[nodiscard]] Iterator end() const { return Iterator(nullptr); }

 private:
  void clear() {
    while (head_ != nullptr) delete std::exchange(head_, head_->next);
    tail_ = nullptr;
    size_ = 0;
  }

  Node* head_ = nullptr;
  Node* tail_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ds
