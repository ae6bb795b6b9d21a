// _IS_INSTANCE: the dynamic type of an object through a reference, a pointer or a smart pointer.
#include <memory>

#include <testkit/testkit.hpp>

#include "outcome.hpp"

namespace shapes {  // named, so that failures show readable type names

struct Shape {
  virtual ~Shape() = default;
};
struct Circle : Shape {};
struct Disk : Circle {};
struct Square : Shape {};

}  // namespace shapes

namespace {

using selftest::details_of;
using selftest::Outcome;
using selftest::passes;
using selftest::single_failure;
using shapes::Circle;
using shapes::Disk;
using shapes::Shape;
using shapes::Square;

TK_TEST(IsInstance, passes_for_the_type_or_a_base_of_it_through_any_handle) {
  Disk disk;
  const Shape& reference = disk;
  Shape* pointer = &disk;
  const Shape* const_pointer = &disk;
  const std::unique_ptr<Shape> unique = std::make_unique<Circle>();
  const std::shared_ptr<const Shape> shared = std::make_shared<Square>();
  TK_EXPECT(passes([&] {
    TK_ASSERT_IS_INSTANCE(Circle, reference);
    TK_ASSERT_IS_INSTANCE(Disk, pointer);
    TK_ASSERT_IS_INSTANCE(Shape, const_pointer);
    TK_EXPECT_IS_INSTANCE(Circle, unique);
    TK_EXPECT_IS_INSTANCE(Square, shared);
    TK_EXPECT_IS_INSTANCE(Disk, disk);
  }));
}

TK_TEST(IsInstance, failure_names_the_dynamic_type_and_the_expected_one) {
  const std::unique_ptr<Shape> shape = std::make_unique<Circle>();
  const Outcome out = single_failure([&] { TK_ASSERT_IS_INSTANCE(Square, shape, "shape {}", 1); });
  TK_EXPECT_EQ(out.failure.headline, "TK_ASSERT_IS_INSTANCE(Square, shape)");
  TK_EXPECT_EQ(out.failure.details,
               "dynamic type: shapes::Circle\nexpected:     shapes::Square or a class derived from it");
  TK_EXPECT_EQ(out.failure.message, "shape 1");
  TK_EXPECT(out.aborted);
}

TK_TEST(IsInstance, an_object_is_not_an_instance_of_a_class_derived_from_its_own) {
  Circle circle;
  const Shape& shape = circle;
  const Outcome out = single_failure([&] { TK_EXPECT_IS_INSTANCE(Disk, shape); });
  TK_EXPECT_EQ(out.failure.details,
               "dynamic type: shapes::Circle\nexpected:     shapes::Disk or a class derived from it");
  TK_EXPECT_FALSE(out.aborted);
}

TK_TEST(IsInstance, a_null_pointer_is_an_instance_of_nothing) {
  const Shape* none = nullptr;
  const std::shared_ptr<Shape> empty;
  const std::string expected = "dynamic type: null pointer\nexpected:     shapes::Shape or a class derived from it";
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_IS_INSTANCE(Shape, none); }), expected);
  TK_EXPECT_EQ(details_of([&] { TK_EXPECT_IS_INSTANCE(Shape, empty); }), expected);
}

}  // namespace
