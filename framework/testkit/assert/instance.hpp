#pragma once
/// TK_ASSERT_IS_INSTANCE: Python's isinstance for polymorphic objects, seen through a pointer, a reference or
/// a smart pointer.

#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>

#include <testkit/assert/handler.hpp>
#include <testkit/core/black_box.hpp>
#include <testkit/core/context.hpp>

namespace testkit::detail {

/// std::unique_ptr, std::shared_ptr and their look-alikes: get() returns a plain pointer to element_type.
template <class T>
concept SmartPointer = requires(const T& pointer) {
  typename T::element_type;
  { pointer.get() } -> std::convertible_to<const typename T::element_type*>;
};

/// The object `value` designates: the pointee of a pointer or smart pointer (null for a null one), else `value`.
template <class T> const auto* designated_object(const T& value) {
  if constexpr (std::is_pointer_v<T>)
    return static_cast<const std::remove_pointer_t<T>*>(value);
  else if constexpr (SmartPointer<T>)
    return static_cast<const typename T::element_type*>(value.get());
  else
    return std::addressof(value);
}

/// "dynamic type: D\nexpected: E or a class derived from it"; a null `dynamic_type` is a null pointer.
[[nodiscard]] std::string describe_instance_mismatch(const std::type_info* dynamic_type,
                                                     const std::type_info& expected);

/// Passes when the object `value` designates has the dynamic type `Expected` or one derived from it.
template <class Expected, class Value, class... Message>
void check_is_instance(const AssertionSite& site, const Value& value, const Message&... message) {
  const auto* object = designated_object(value);
  using Static = std::remove_cvref_t<decltype(*object)>;
  constexpr bool polymorphic = std::is_polymorphic_v<Static>;
  static_assert(polymorphic,
                "TK_ASSERT_IS_INSTANCE(Type, value) needs a pointer, reference or smart pointer to a polymorphic class "
                "(one with a virtual function): only those carry their dynamic type");
  static_assert(std::is_class_v<Expected>, "TK_ASSERT_IS_INSTANCE(Type, value): Type is a class");
  if constexpr (polymorphic && std::is_class_v<Expected>) {
    if (object != nullptr && dynamic_cast<const Expected*>(object) != nullptr) [[likely]]
      return assertion_passed(site.where);
    assertion_failed(site, sizeof...(Message),
                     describe_instance_mismatch(object != nullptr ? &typeid(*object) : nullptr, typeid(Expected)),
                     format_message(message...));
  }
}

}  // namespace testkit::detail
