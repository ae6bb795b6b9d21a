#pragma once
// Assignment 4, part 2: a dynamic array that owns its buffer and doubles it when full.

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace ds {

/// A growable array of default-constructible values: amortized O(1) push_back, O(1) indexing.
template <typename T> class DynArray {
 public:
  /// An empty array without a buffer (capacity 0).
  DynArray() = default;
  /// A deep copy: the two arrays share no buffer.
  DynArray(const DynArray& other) : data_(copy_of(other)), size_(other.size_), capacity_(other.size_) {}
  /// Takes other's buffer; other is left empty, with capacity 0.
  DynArray(DynArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)) {}
  /// Replaces the values with copies of other's, in a buffer of its own.
  DynArray& operator=(const DynArray& other) {
    if (this != &other) {
      T* copy = copy_of(other);
      delete[] data_;
      data_ = copy;
      size_ = capacity_ = other.size_;
    }
    return *this;
  }
  /// Replaces the values with other's buffer; other is left empty, with capacity 0.
  DynArray& operator=(DynArray&& other) noexcept {
    if (this != &other) {
      delete[] data_;
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
    }
    return *this;
  }
  ~DynArray() { delete[] data_; }

  /// Adds value at the end, doubling the capacity when the array is full.
  void push_back(const T& value) {
    if (size_ == capacity_) reserve(capacity_ == 0 ? 1 : 2 * capacity_);
    data_[size_++] = value;
  }

  /// Removes the last value. Throws std::out_of_range when the array is empty.
  void pop_back() {
    if (size_ == 0) throw std::out_of_range("pop_back on an empty array");
    --size_;
  }

  /// The value at index, unchecked.
  T& operator[](std::size_t index) { return data_[index]; }
  const T& operator[](std::size_t index) const { return data_[index]; }

  /// The value at index. Throws std::out_of_range unless index < size().
  T& at(std::size_t index) { return data_[checked(index, size_)]; }
  const T& at(std::size_t index) const { return data_[checked(index, size_)]; }

  /// Inserts value before index (at the end for index == size()). Throws std::out_of_range if index > size().
  void insert(std::size_t index, const T& value) {
    checked(index, size_ + 1);
    if (size_ == capacity_) reserve(capacity_ == 0 ? 1 : 2 * capacity_);
    std::move_backward(data_ + index, data_ + size_, data_ + size_ + 1);
    data_[index] = value;
    ++size_;
  }

  /// Removes the value at index. Throws std::out_of_range unless index < size().
  void erase(std::size_t index) {
    checked(index, size_);
    std::move(data_ + index + 1, data_ + size_, data_ + index);
    --size_;
  }

  /// Makes room for capacity values without changing the size; never shrinks.
  void reserve(std::size_t capacity) {
    if (capacity <= capacity_) return;
    T* bigger = new T[capacity];
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = std::move(data_[i]);
    delete[] data_;
    data_ = bigger;
    capacity_ = capacity;
  }

  /// The number of values.
  [[nodiscard]] std::size_t size() const { return size_; }
  /// How many values fit before the buffer must grow.
  [[nodiscard]] std::size_t capacity() const { return capacity_; }
  /// Whether there is no value.
  [[nodiscard]] bool empty() const { return size_ == 0; }

 private:
  static std::size_t checked(std::size_t index, std::size_t limit) {
    if (index >= limit) throw std::out_of_range("index " + std::to_string(index) + " out of range");
    return index;
  }

  static T* copy_of(const DynArray& other) {
    if (other.size_ == 0) return nullptr;
    T* copy = new T[other.size_];
    std::copy(other.data_, other.data_ + other.size_, copy);
    return copy;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace ds
