#pragma once
// Assignment 4, part 3: a binary search tree of distinct values (not balanced).

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace ds {

/// A binary search tree: smaller values to the left, larger to the right, each value once.
template <typename T> class Bst {
  struct Node {
    T value;
    Node* left = nullptr;
    Node* right = nullptr;
  };

 public:
  /// An empty tree.
  Bst() = default;
  Bst(const Bst&) = delete;
  Bst& operator=(const Bst&) = delete;

  /// Adds value; returns false (and changes nothing) when the tree already holds it.
  bool insert(const T& value) {
    Node** link = &root_;
    while (*link != nullptr) {
      if (value < (*link)->value) {
        link = &(*link)->left;
      } else if ((*link)->value < value) {
        link = &(*link)->right;
      } else {
        return false;
      }
    }
    *link = new Node{value};
    ++size_;
    return true;
  }

  /// Whether the tree holds value.
  [[nodiscard]] bool contains(const T& value) const {
    const Node* node = root_;
    while (node != nullptr && (value < node->value || node->value < value))
      node = value < node->value ? node->left : node->right;
    return node != nullptr;
  }

  /// Removes value; returns false when the tree does not hold it. A node with two children takes the value of its
  /// in-order successor, whose node is removed instead.
  bool erase(const T& value) {
    Node** link = &root_;
    while (*link != nullptr && (value < (*link)->value || (*link)->value < value))
      link = value < (*link)->value ? &(*link)->left : &(*link)->right;
    if (*link == nullptr) return false;
    Node* node = *link;
    if (node->left != nullptr && node->right != nullptr) {
      Node** successor = &node->right;
      while ((*successor)->left != nullptr) successor = &(*successor)->left;
      node->value = std::move((*successor)->value);
      link = successor;
      node = *successor;
    }
    *link = node->left != nullptr ? node->left : node->right;
    delete node;
    --size_;
    return true;
  }

  /// The values in increasing order.
  [[nodiscard]] std::vector<T> in_order() const {
    std::vector<T> values;
    values.reserve(size_);
    collect(root_, values);
    return values;
  }

  /// The number of levels: 0 for an empty tree, 1 for a single node.
  [[nodiscard]] int height() const { return height_of(root_); }
  /// The number of values.
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  static void collect(const Node* node, std::vector<T>& values) {
    if (node == nullptr) return;
    collect(node->left, values);
    values.push_back(node->value);
    collect(node->right, values);
  }

  static int height_of(const Node* node) {
    return node == nullptr ? 0 : 1 + std::max(height_of(node->left), height_of(node->right));
  }

  Node* root_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ds
