// The programme types (one class each) and the factory overloads that build them.
#pragma once

#include <memory>

#include "sim/model/programme.hpp"

namespace cwb::model {

std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::SkillsMatching&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::CommunityResearch&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::SocialEnterpriseSupport&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::CommunityAssets&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::AnchorProcurement&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::AnchorRecruitment&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::BuyLocal&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::LivingWage&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i, const scenario::CapitalProject&);
std::unique_ptr<Programme> make_programme(World& w, std::size_t i,
                                          const scenario::HousingDevelopment&);

}  // namespace cwb::model
